export * from './permissions';
export * from './annotations';
export * from './types';
