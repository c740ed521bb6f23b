export interface Config {
  /** Where the `image-factory` backend plugin finds Image Factory's JSON API. */
  imageFactory: {
    /**
     * The API's base URL: `http://image-factory:8080/api/v1` for `image-factory serve`,
     * `https://jenkins.example.com/image-factory/api/v1` for the Jenkins plugin.
     */
    baseUrl: string;
    /**
     * The `Authorization` header the backend sends to Image Factory: `Bearer <serve's --api-token>`
     * or `Basic <base64(user:api-token)>` for Jenkins. Without it only the read routes work.
     * @visibility secret
     */
    authorization?: string;
    /** How long one call to Image Factory may take, e.g. `10s` or `{ seconds: 10 }` (default 10 s). */
    timeout?: string | { milliseconds?: number; seconds?: number; minutes?: number };
  };
}
