import { Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export const CountCard = ({ label, value }: { label: string; value?: string | number }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {translate(label)}
        </Typography>
        <Typography variant="h4" component="p">
          {value ?? '…'}
        </Typography>
      </CardContent>
    </Card>
  );
};
