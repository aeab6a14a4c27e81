export * from './system'
export * from './settings'
export * from './accounts'
export * from './audit'
