import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  CopyTextButton,
  EmptyState,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { TagInfo } from '@image-factory/backstage-plugin-common';
import { imageFactoryApiRef } from '../api/ImageFactoryApi';
import { PageControls } from './PageControls';
import { useImageName } from './useImageName';
import { formatAge, formatBytes, formatTime, shortDigest } from './format';

const columns: TableColumn<TagInfo>[] = [
  { title: 'Tag', field: 'tag', highlight: true },
  {
    title: 'Digest',
    field: 'digest',
    render: tag => <code title={tag.digest}>{shortDigest(tag.digest)}</code>,
  },
  { title: 'Size', field: 'size', render: tag => formatBytes(tag.size) },
  {
    title: 'Published',
    field: 'published',
    render: tag => (tag.published ? <time dateTime={tag.published}>{formatTime(tag.published)}</time> : 'unknown'),
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
 * date, a button copying `repo:tag@sha256:…`, and pages. When the registry is down, Image Factory's
 * last good answer is shown under a warning that says how old it is.
 */
export function TagsContent(props: { perPage?: number }) {
  const perPage = props.perPage ?? 30;
  const name = useImageName();
  const api = useApi(imageFactoryApiRef);
  const [page, setPage] = useState(1);
  const { value, loading, error } = useAsync(
    async () => (name ? api.getTags(name, page, perPage) : undefined),
    [api, name, page, perPage],
  );

  if (!name) {
    return <EmptyState missing="field" title="Not an Image Factory image" description="This entity has no image-factory.io/ref annotation." />;
  }
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <WarningPanel severity="error" title="Could not list the tags" message={error.message} />;
  }
  if (!value) {
    return null;
  }
  return (
    <>
      {value.stale && (
        <WarningPanel
          title={`The registry did not answer; these tags are from ${formatAge(value.ageSeconds)} ago`}
          message={value.registryError}
        />
      )}
      <Table<TagInfo>
        title={`Tags of ${name}`}
        subtitle={value.datesKnown ? 'Newest first' : 'This registry gives no dates; tags in the order it lists them'}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value.tags}
        emptyContent={<EmptyState missing="data" title="No tags" description="The registry lists no tags on this page." />}
      />
      <PageControls page={value.page} hasNext={value.hasNext} onPage={setPage} />
    </>
  );
}
