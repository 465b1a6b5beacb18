import { run } from '../actions/get-set.js'

void run()
