export * from './system'
export * from './settings'
