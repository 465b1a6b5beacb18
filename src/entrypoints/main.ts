import { run } from '../actions/main.js'

void run()
