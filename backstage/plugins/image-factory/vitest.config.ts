import { defineConfig } from 'vitest/config';

// Warnings that Backstage's own dependencies print on every render (material-table's defaultProps,
// React Router's v7 flags, jsdom not parsing Backstage UI's CSS, MUI v4's findDOMNode, the new frontend
// system's test app registering its own default icons the deprecated way); they would bury ours.
const NOISE = [
  /defaultProps will be removed/,
  /React Router Future Flag/,
  /Could not parse CSS stylesheet/,
  /findDOMNode is deprecated/,
  /registered as IconComponent, which is deprecated/,
];

export default defineConfig({
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/setupTests.ts'],
    testTimeout: 20_000,
    onConsoleLog: log => !NOISE.some(noise => noise.test(log)),
    server: {
      deps: {
        // Published as ESM that imports directories (`@mui/material/Popover`), which only a bundler
        // resolves; Backstage apps bundle them, so the tests let Vite transform them too.
        inline: [/material-ui-popup-state/, /@backstage\/ui/],
      },
    },
  },
});
