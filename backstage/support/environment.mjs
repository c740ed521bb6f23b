// Inputs the Maven build hands to the tests. A missing one fails the run: skipping would let a
// broken build pass without ever showing Backstage our entities.
import { existsSync, statSync } from 'node:fs';

/** The path in env var `name`, which must exist (a directory when `directory` is true). */
export function requiredPath(name, { directory }) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set; run the tests through Maven `
      + `(./mvnw -pl backstage verify) or set it to the path the pom passes`);
  }
  if (!existsSync(value)) {
    throw new Error(`${name}=${value} does not exist; build it first (see backstage/pom.xml)`);
  }
  if (statSync(value).isDirectory() !== directory) {
    throw new Error(`${name}=${value} is not a ${directory ? 'directory' : 'file'}`);
  }
  return value;
}
