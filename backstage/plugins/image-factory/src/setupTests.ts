import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// @backstage/test-utils builds some of its mock APIs with jest.fn(); vitest's vi is a drop-in.
(globalThis as any).jest = vi;

// Testing Library unmounts after each test by itself only where the runner exposes globals.
afterEach(() => cleanup());
