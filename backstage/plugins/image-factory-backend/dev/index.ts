import { devBackend } from './devBackend';

// `npm start`: this plugin in a Backstage backend on 127.0.0.1:7007 (backstage/app-config.yaml) in
// front of the Image Factory named by imageFactory.baseUrl, a local `image-factory serve`, for the
// development app of @image-factory/backstage-plugin (`npm start` there).
devBackend().start();
