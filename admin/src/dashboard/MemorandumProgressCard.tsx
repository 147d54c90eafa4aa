import { Card, CardContent, CardHeader, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { AreaProgressTable } from '../Memorandum/AreaProgressTable';

interface MemorandumProgressCardProps {
  memorandums: RaRecord[] | undefined;
  memorandumId: Identifier | undefined;
  onChange: (id: Identifier) => void;
}

export const MemorandumProgressCard = ({
  memorandums,
  memorandumId,
  onChange,
}: MemorandumProgressCardProps) => {
  const translate = useTranslate();
  return (
    <Card data-testid="dashboard-memorandum-progress">
      <CardHeader title={translate('app.dashboard.memorandum_progress')} />
      <CardContent>
        {memorandums?.length === 0 && (
          <Typography color="text.secondary">{translate('app.dashboard.no_memorandum')}</Typography>
        )}
        {memorandumId != null && (
          <>
            <TextField
              id="dashboard-memorandum"
              select
              fullWidth
              size="small"
              label={translate('app.dashboard.memorandum')}
              value={memorandumId}
              onChange={(event) => onChange(event.target.value)}
              sx={{ mb: 2 }}
            >
              {memorandums?.map((memorandum) => (
                <MenuItem key={memorandum.id} value={memorandum.id}>
                  {memorandum.title as string}
                </MenuItem>
              ))}
            </TextField>
            <AreaProgressTable memorandumId={memorandumId} />
          </>
        )}
      </CardContent>
    </Card>
  );
};
