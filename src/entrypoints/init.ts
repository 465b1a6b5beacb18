import { run } from '../actions/init.js'

void run()
