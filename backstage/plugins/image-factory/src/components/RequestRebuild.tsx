import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { imageFactoryRebuildPermission } from '@image-factory/backstage-plugin-common';
import { imageFactoryApiRef } from '../api/ImageFactoryApi';
import { useEntityRef } from './useImageName';

/**
 * "Request rebuild" for people holding `image-factory.image.rebuild`: a normal rebuild waits for
 * nothing but the next sync cycle; an urgent one (a CVE in the base, say) skips the rebuild delay
 * and must say why, and the reason goes into the config repo's history with the requester's name.
 */
export function RequestRebuild(props: { name: string; onRequested?: () => void }) {
  const { allowed } = usePermission({ permission: imageFactoryRebuildPermission, resourceRef: useEntityRef() });
  const api = useApi(imageFactoryApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);

  if (!allowed) {
    return null;
  }
  const reasonMissing = urgent && !reason.trim();

  const send = async () => {
    setSending(true);
    try {
      const accepted = await api.requestRebuild(props.name, { urgent, reason: reason.trim() || undefined });
      alertApi.post({ message: `${accepted.image}: ${accepted.message}`, severity: 'success', display: 'transient' });
      setOpen(false);
      setUrgent(false);
      setReason('');
      props.onRequested?.();
    } catch (e) {
      alertApi.post({ message: `Could not request a rebuild of ${props.name}: ${(e as Error).message}`, severity: 'error' });
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Request rebuild
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="image-factory-rebuild-title">
        <DialogTitle id="image-factory-rebuild-title">Rebuild {props.name}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Image Factory records the request in its config repo and triggers the build in its next sync cycle.
          </DialogContentText>
          <FormControlLabel
            control={<Checkbox checked={urgent} onChange={event => setUrgent(event.target.checked)} />}
            label="Urgent: skip the rebuild delay"
          />
          <TextField
            id="image-factory-rebuild-reason"
            label="Reason"
            placeholder="e.g. CVE-2026-1234 in the base image"
            fullWidth
            required={urgent}
            value={reason}
            onChange={event => setReason(event.target.value)}
            error={reasonMissing}
            helperText={reasonMissing ? 'An urgent rebuild needs a reason' : 'Recorded in the config repo with your name'}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button color="primary" variant="contained" disabled={reasonMissing || sending} onClick={send}>
            Request
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
