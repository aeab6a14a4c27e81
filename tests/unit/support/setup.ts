import { afterAll, afterEach } from 'vitest'
import { removeFileDirs, removeTestDirs } from './temp'

// Runs for every test file, also where files share a worker's modules (temp.ts's top level runs once there).
afterEach(removeTestDirs)
afterAll(removeFileDirs)
