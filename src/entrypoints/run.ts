import '../compile-cache.js'
import { run } from '../actions/run.js'

void run()
