import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Button from '@material-ui/core/Button';
import {
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { imageFactoryRerunPermission, type RunInfo } from '@image-factory/backstage-plugin-common';
import { imageFactoryApiRef } from '../api/ImageFactoryApi';
import { PageControls } from './PageControls';
import { RunStatus, hasFailedJobs, isFailed, isFinished } from './RunStatus';
import { useEntityRef, useImageName } from './useImageName';
import { formatDuration, formatTime } from './format';

/**
 * The CI/CD tab (Req 13): the runs of the image's own build workflow, newest first, through Image
 * Factory's credentials. Failures stand out, unfinished runs refresh on their own, and people
 * holding `image-factory.run.rerun` can re-run a failed run's failed jobs.
 */
export function RunsContent(props: { perPage?: number; refreshIntervalMs?: number }) {
  const perPage = props.perPage ?? 20;
  const refreshIntervalMs = props.refreshIntervalMs ?? 15_000;
  const name = useImageName();
  const api = useApi(imageFactoryApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canRerun } = usePermission({ permission: imageFactoryRerunPermission, resourceRef: useEntityRef() });
  const [page, setPage] = useState(1);
  const [rerunning, setRerunning] = useState<number | undefined>();
  const { value, loading, error, retry } = useAsyncRetry(
    async () => (name ? api.getRuns(name, page, perPage) : undefined),
    [api, name, page, perPage],
  );

  const unfinished = value?.runs.some(run => !isFinished(run)) ?? false;
  useEffect(() => {
    if (!unfinished) {
      return undefined;
    }
    const timer = setTimeout(retry, refreshIntervalMs);
    return () => clearTimeout(timer);
  }, [unfinished, value, retry, refreshIntervalMs]);

  if (!name) {
    return <EmptyState missing="field" title="Not an Image Factory image" description="This entity has no image-factory.io/ref annotation." />;
  }
  if (!value && loading) {
    return <Progress />;
  }
  if (!value && error) {
    return <WarningPanel severity="error" title="Could not load the build runs" message={error.message} />;
  }
  if (!value) {
    return null;
  }

  const rerun = async (run: RunInfo) => {
    setRerunning(run.id);
    try {
      await api.rerunFailedJobs(name, run.id);
      alertApi.post({ message: `Re-run of the failed jobs of run ${run.id} requested`, severity: 'success', display: 'transient' });
      retry();
    } catch (e) {
      alertApi.post({ message: `Could not re-run run ${run.id}: ${(e as Error).message}`, severity: 'error' });
    } finally {
      setRerunning(undefined);
    }
  };

  const columns: TableColumn<RunInfo>[] = [
    { title: 'Status', render: run => <RunStatus run={run} /> },
    {
      title: 'Run',
      render: run => (run.url ? <Link to={run.url}>{run.title || `#${run.id}`}</Link> : run.title || `#${run.id}`),
    },
    { title: 'Commit', render: run => <code title={run.headSha}>{run.headSha?.slice(0, 7)}</code> },
    {
      title: 'Started',
      render: run => (run.createdAt ? <time dateTime={run.createdAt}>{formatTime(run.createdAt)}</time> : ''),
    },
    { title: 'Duration', render: run => formatDuration(run.durationSeconds) },
    {
      title: '',
      render: run =>
        canRerun && hasFailedJobs(run) ? (
          <Button
            size="small"
            variant="outlined"
            disabled={rerunning === run.id}
            onClick={() => rerun(run)}
            aria-label={`Re-run failed jobs of run ${run.id}`}
          >
            Re-run failed jobs
          </Button>
        ) : null,
    },
  ];

  const pageCount = Math.max(1, Math.ceil(value.totalCount / value.perPage));
  return (
    <>
      {error && <WarningPanel title="Could not refresh the build runs; showing the last answer" message={error.message} />}
      <Table<RunInfo>
        title="Build runs"
        subtitle="Newest first"
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          rowStyle: (run: RunInfo) => (isFailed(run) ? { backgroundColor: 'rgba(244, 67, 54, 0.08)' } : {}),
        }}
        columns={columns}
        data={value.runs}
        emptyContent={<EmptyState missing="data" title="No runs yet" description="The build workflow has not run." />}
      />
      <PageControls page={value.page} pageCount={pageCount} hasNext={value.page < pageCount} onPage={setPage} />
    </>
  );
}
