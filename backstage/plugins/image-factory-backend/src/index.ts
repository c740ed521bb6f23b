export { imageFactoryPlugin as default } from './plugin';
export { readImageFactoryConfig, type ImageFactoryConfig } from './config';
