// Runs the Image Factory CLI the way the config repo's CI does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** `java -jar <jar> validate <dir>`: exit status and output. */
export function validateConfigRepo(jar, dir) {
  const run = spawnSync('java', ['-jar', jar, 'validate', dir], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) {
    throw new Error(`cannot run java -jar ${jar}: ${run.error.message}`);
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh config repo with the minimal global settings and `files` (path relative to the repo -> content). */
export function configRepo(files) {
  const dir = mkdtempSync(join(tmpdir(), 'image-factory-backstage-'));
  writeFileSync(join(dir, 'image-factory.yaml'), 'version: 1\n');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
