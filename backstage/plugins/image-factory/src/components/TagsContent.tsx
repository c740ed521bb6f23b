import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import {
  CopyTextButton,
  EmptyState,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { TagInfo, TagPage } from '@image-factory/backstage-plugin-common';
import { imageFactoryApiRef } from '../api/ImageFactoryApi';
import { PageControls } from './PageControls';
import { useImageName } from './useImageName';
import { formatAge, formatBytes, formatTime, shortDigest } from './format';

const columns: TableColumn<TagInfo>[] = [
  { title: 'Tag', field: 'tag', highlight: true },
  {
    title: 'Digest',
    field: 'digest',
    render: tag => (tag.digest ? <code title={tag.digest}>{shortDigest(tag.digest)}</code> : 'digest unknown'),
  },
  { title: 'Size', field: 'size', render: tag => (tag.size === undefined || tag.size === null ? 'size unknown' : formatBytes(tag.size)) },
  {
    title: 'Published',
    field: 'published',
    render: tag => (tag.published ? <time dateTime={tag.published}>{formatTime(tag.published)}</time> : 'date unknown'),
  },
  {
    title: 'Reference',
    sorting: false,
    render: tag =>
      tag.reference ? (
        <CopyTextButton
          text={tag.reference}
          aria-label={`Copy ${tag.reference}`}
          tooltipText="Reference with digest copied"
        />
      ) : null,
  },
];

/**
 * The Versions tab (Req 12): the registry's tags of the image, newest first, with digest, size and
 * date, a button copying `repo:tag@sha256:…`, and pages. The table stays while another page loads
 * or fails to (with a retry); a page Image Factory served from its cache says how old it is, and a
 * stale one (the registry did not answer) says so in a warning.
 */
export function TagsContent(props: { perPage?: number }) {
  const perPage = props.perPage ?? 30;
  const name = useImageName();
  const api = useApi(imageFactoryApiRef);
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<TagPage>();
  const { value, loading, error, retry } = useAsyncRetry(
    async () => (name ? api.getTags(name, page, perPage) : undefined),
    [api, name, page, perPage],
  );
  useEffect(() => {
    if (value) {
      setShown(value);
    }
  }, [value]);

  if (!name) {
    return <EmptyState missing="field" title="Not an Image Factory image" description="This entity has no image-factory.io/ref annotation." />;
  }
  const retryButton = (
    <Button size="small" variant="outlined" onClick={retry}>
      Retry
    </Button>
  );
  if (!shown) {
    if (error) {
      return (
        <WarningPanel severity="error" title="Could not list the tags" message={error.message} defaultExpanded>
          {retryButton}
        </WarningPanel>
      );
    }
    return loading ? <Progress /> : null;
  }
  return (
    <>
      {error && (
        <WarningPanel
          severity="error"
          title={`Could not load page ${page} of the tags; showing page ${shown.page}`}
          message={error.message}
          defaultExpanded
        >
          {retryButton}
        </WarningPanel>
      )}
      {shown.stale && (
        <WarningPanel
          title={`The registry did not answer; these tags are from ${formatAge(shown.ageSeconds)} ago`}
          message={shown.registryError}
        />
      )}
      {loading && <LinearProgress aria-label={`Loading page ${page}`} />}
      <Table<TagInfo>
        title={`Tags of ${name}`}
        subtitle={subtitle(shown)}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={shown.tags}
        emptyContent={<EmptyState missing="data" title="No tags" description="The registry lists no tags on this page." />}
      />
      <PageControls page={shown.page} hasNext={shown.hasNext} onPage={setPage} />
    </>
  );
}

function subtitle(shown: TagPage): string {
  const order = shown.datesKnown ? 'Newest first' : 'Order as the registry lists them (it gives no dates)';
  // Image Factory keeps a page for a while (tags.cacheTtl) to spare the registry's rate limits.
  const cached = !shown.stale && shown.ageSeconds !== undefined && shown.ageSeconds >= 60 ? `; listed ${formatAge(shown.ageSeconds)} ago` : '';
  return order + cached;
}
