// The source interface lives in the kit (every domain implements it); the engine reads it from here.
export * from '../../kit/export-source'
