// What the scaffolder does with a v1beta3 template, reduced to the parts our template uses:
// validate the form values against each parameter page (the backend uses `jsonschema`), render the
// steps' input with nunjucks and `${{ }}` variables (a lone expression keeps its JSON type, an empty
// result means "not given"), and let fetch:template render the skeleton's paths and contents.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseEntityRef } from '@backstage/catalog-model';
import { validate } from 'jsonschema';
import nunjucks from 'nunjucks';

function environment() {
  const env = new nunjucks.Environment(null, {
    autoescape: false,
    tags: { variableStart: '${{', variableEnd: '}}' },
  });
  // Two of the scaffolder's built-in filters.
  env.addFilter('parseEntityRef', (ref, context) => parseEntityRef(ref, context));
  env.addFilter('pick', (object, key) => object?.[key]);
  return env;
}

const env = environment();
const LONE_EXPRESSION = /^\$\{\{((?:(?!\}\}).)*)\}\}$/s;

/** Schema errors for the submitted form values, one message per problem; empty when the backend accepts them. */
export function parameterErrors(template, values) {
  const pages = [template.spec.parameters ?? []].flat();
  return pages.flatMap(page => validate(values, page).errors.map(e => `${e.property}: ${e.message}`));
}

/** A step's (or the output's) input with every template string rendered against `context`. */
export function renderInput(input, context) {
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    if (typeof value !== 'string') {
      return value;
    }
    const lone = LONE_EXPRESSION.exec(value);
    const rendered = lone
      ? env.renderString(`\${{ (${lone[1]}) | dump }}`, context)
      : env.renderString(value, context);
    if (rendered === '') {
      return undefined;
    }
    return lone ? JSON.parse(rendered) : rendered;
  });
}

/** fetch:template: every file under `skeletonDir`, path and content rendered with `{ values }`. */
export function renderSkeleton(skeletonDir, values) {
  const context = JSON.parse(JSON.stringify({ values }));
  return files(skeletonDir).map(file => ({
    path: env.renderString(relative(skeletonDir, file), context),
    content: env.renderString(readFileSync(file, 'utf8'), context),
  }));
}

function files(dir) {
  return readdirSync(dir).sort().flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
