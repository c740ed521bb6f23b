import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { RunInfo } from '@image-factory/backstage-plugin-common';

/** GitHub's conclusions that mean the build broke. */
const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);
/** Those that leave failed jobs to re-run (a startup failure ran none); Image Factory refuses the rest. */
const RERUNNABLE = new Set(['failure', 'timed_out']);

export function isFailed(run: RunInfo): boolean {
  return run.status === 'completed' && FAILED.has(run.conclusion ?? '');
}

export function hasFailedJobs(run: RunInfo): boolean {
  return run.status === 'completed' && RERUNNABLE.has(run.conclusion ?? '');
}

export function isFinished(run: RunInfo): boolean {
  return run.status === 'completed';
}

/** A run's state in Backstage's status colours; a failure reads "Failed" in the error colour. */
export function RunStatus({ run }: { run: RunInfo }) {
  if (run.status !== 'completed') {
    return run.status === 'in_progress' ? <StatusRunning>Running</StatusRunning> : <StatusPending>{label(run.status)}</StatusPending>;
  }
  switch (run.conclusion) {
    case 'success':
      return <StatusOK>Succeeded</StatusOK>;
    case 'failure':
    case 'startup_failure':
      return <StatusError>Failed</StatusError>;
    case 'timed_out':
      return <StatusError>Timed out</StatusError>;
    case 'cancelled':
    case 'skipped':
      return <StatusAborted>{label(run.conclusion)}</StatusAborted>;
    default:
      return <StatusWarning>{label(run.conclusion ?? 'unknown')}</StatusWarning>;
  }
}

function label(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
