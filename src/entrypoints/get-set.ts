import '../compile-cache.js'
import { run } from '../actions/get-set.js'

void run()
