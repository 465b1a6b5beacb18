import '../compile-cache.js'
import { run } from '../actions/main.js'

void run()
