import { run } from '../actions/handle-event.js'

void run()
