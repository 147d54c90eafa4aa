import { Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { FigureValue, type FigureLink } from './HouseholdOverviewCard';

/** One figure on a card of its own, opening the records it counts. */
export const CountCard = ({
  label,
  value,
  link,
  testId,
}: {
  label: string;
  value?: string | number;
  link?: FigureLink;
  testId?: string;
}) => {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {translate(label)}
        </Typography>
        <FigureValue
          value={value ?? '…'}
          link={value == null ? undefined : link}
          variant="h4"
          testId={testId}
        />
      </CardContent>
    </Card>
  );
};
