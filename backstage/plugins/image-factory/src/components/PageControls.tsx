import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** Previous/next through server-side pages; the registry and GitHub decide what a page holds. */
export function PageControls(props: {
  page: number;
  hasNext: boolean;
  pageCount?: number;
  onPage: (page: number) => void;
}) {
  const { page, hasNext, pageCount, onPage } = props;
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end" mt={1} style={{ gap: 8 }}>
      <Button size="small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Newer
      </Button>
      <Typography variant="body2" aria-live="polite">
        {pageCount ? `Page ${page} of ${pageCount}` : `Page ${page}`}
      </Typography>
      <Button size="small" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Older
      </Button>
    </Box>
  );
}
