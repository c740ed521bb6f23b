export {
  imageFactoryPlugin,
  EntityImageFactoryCard,
  EntityImageTagsContent,
  EntityImageRunsContent,
} from './plugin';
export { imageFactoryApiRef, ImageFactoryApiError, type ImageFactoryApi } from './api/ImageFactoryApi';
export { ImageFactoryClient } from './api/ImageFactoryClient';
export { isImageFactoryImage, isImageFactoryManagedImage } from './conditions';
