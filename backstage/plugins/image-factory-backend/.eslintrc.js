// Backstage's own lint rules (`backstage-cli package lint`). The tests run on Vitest, whose
// describe/it/expect the jest rules read as Jest's; they need a Jest version to pick their rules by.
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  settings: { jest: { version: 29 } },
});
