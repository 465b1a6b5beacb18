import '../compile-cache.js'
import { run } from '../actions/handle-event.js'

void run()
