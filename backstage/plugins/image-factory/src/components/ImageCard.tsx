import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  CopyTextButton,
  InfoCard,
  Link,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ImageRow } from '@image-factory/backstage-plugin-common';
import { imageFactoryApiRef } from '../api/ImageFactoryApi';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { RequestRebuild } from './RequestRebuild';
import { useImageEntityRefs } from './useImageEntityRefs';
import { useImageName } from './useImageName';
import { formatTime, shortDigest } from './format';

/**
 * The image's current state on its overview page (Req 11.4, 11.5): digest, rebuild status and due
 * time, last build, and the images it is built from and that are built from it; for a managed
 * image, a rebuild request for people allowed to make one.
 */
export function ImageCard() {
  const name = useImageName();
  const api = useApi(imageFactoryApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => (name ? api.getImage(name) : undefined), [api, name]);

  if (!name) {
    return null;
  }
  return (
    <InfoCard title="Image Factory">
      {loading && <Progress />}
      {error && <WarningPanel severity="error" title="Could not load the image's state" message={error.message} />}
      {value && <ImageState image={value.summary} onRebuildRequested={retry} />}
    </InfoCard>
  );
}

function ImageState({ image, onRebuildRequested }: { image: ImageRow; onRebuildRequested: () => void }) {
  const entityRefs = useImageEntityRefs(image);
  const metadata: Record<string, unknown> = {
    role: image.role,
    digest: image.digest ? (
      <span>
        <code title={image.digest}>{shortDigest(image.digest)}</code>
        {image.refDigest && (
          <CopyTextButton text={image.refDigest} aria-label={`Copy ${image.refDigest}`} tooltipText="Reference with digest copied" />
        )}
      </span>
    ) : (
      'not seen yet'
    ),
    'digest since': formatTime(image.updatedAt),
  };
  if (image.enrollment) {
    metadata.rebuild = <Rebuild image={image} />;
    metadata['last build'] = <LastBuild image={image} />;
  }
  // Each links to its catalog entity once the catalog has it.
  const linked = (key: string) =>
    entityRefs.has(key) ? (
      <EntityRefLink key={key} entityRef={entityRefs.get(key)!}>
        {key}
      </EntityRefLink>
    ) : (
      key
    );
  metadata['built from'] = image.dependencies?.length ? image.dependencies.map(linked) : 'no base images found';
  metadata['built into'] = image.dependents?.length ? image.dependents.map(linked) : 'nothing tracked';
  return (
    <>
      {image.error && (
        <WarningPanel
          title="Image Factory reports a problem with this image"
          message={`${image.error}${image.errorSince ? ` (since ${formatTime(image.errorSince)})` : ''}${checkAge(image)}`}
        />
      )}
      {image.breakerOpen && (
        <WarningPanel
          title="Automatic rebuilds are paused"
          message="The last builds failed several times in a row; a manual rebuild or a successful build resumes them."
        />
      )}
      <StructuredMetadataTable metadata={metadata} />
      {image.enrollment && <RequestRebuild name={image.enrollment} onRequested={onRebuildRequested} />}
    </>
  );
}

/** For a failing registry check: how old the digest on the card is. */
function checkAge(image: ImageRow): string {
  if (image.errorKind !== 'check') {
    return '';
  }
  return image.lastGoodCheck
    ? `; the digest shown is as of the last good check, ${formatTime(image.lastGoodCheck)}`
    : '; no check has worked yet';
}

function Rebuild({ image }: { image: ImageRow }) {
  // An enrolled image always has one once a cycle planned it; until then nothing is known.
  const status = (image.rebuildStatus ?? 'not planned yet').replace(/-/g, ' ');
  return (
    <span>
      {status}
      {image.urgent && <> (urgent{image.urgentReason ? `: ${image.urgentReason}` : ''})</>}
      {image.rebuildDue && (
        <>
          {' '}
          {/* for a failed dispatch the time is when it is tried again, not when the rebuild is due */}
          {image.rebuildStatus === 'dispatch-failed' ? 'tried again' : 'due'}{' '}
          <time dateTime={image.rebuildDue}>{formatTime(image.rebuildDue)}</time>
        </>
      )}
      {image.waitingOn && <> (waiting on {image.waitingOn})</>}
      {image.rebuildCauses?.map(cause => (
        <div key={cause}>
          <small>{cause}</small>
        </div>
      ))}
    </span>
  );
}

function LastBuild({ image }: { image: ImageRow }) {
  if (!image.lastBuildStatus) {
    return <span>none yet</span>;
  }
  const at = image.lastBuildFinishedAt ?? image.lastBuildAt;
  const when = at ? ` ${formatTime(at)}` : '';
  const text = `${image.lastBuildStatus.replace(/-/g, ' ')}${when}`;
  const label = image.lastBuildUrl ? <Link to={image.lastBuildUrl}>{text}</Link> : text;
  const message = image.lastBuildMessage ? (
    <div>
      <small>{image.lastBuildMessage}</small>
    </div>
  ) : null;
  if (image.lastBuildStatus === 'succeeded') {
    return <StatusOK>{label}</StatusOK>;
  }
  if (image.lastBuildStatus === 'failed' || image.lastBuildStatus === 'timed-out') {
    // a build that never reported back is not pending any more: it counts as failed toward the breaker
    return (
      <>
        <StatusError>{label}</StatusError>
        {message}
      </>
    );
  }
  return <StatusPending>{label}</StatusPending>;
}
