/**
 * The disinfection schedule rule lives in shared/domain/disinfection-schedule.ts (pure, so the
 * units domain reads a shop's overdue state by the same rule without importing this folder).
 */
export * from '../../../shared/domain/disinfection-schedule'
