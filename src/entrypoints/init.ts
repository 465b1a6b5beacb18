import '../compile-cache.js'
import { run } from '../actions/init.js'

void run()
