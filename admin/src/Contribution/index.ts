import PaymentsIcon from '@mui/icons-material/Payments';
import type { RaRecord, ResourceProps } from 'react-admin';
import { formatMoney } from '../common/formatters';
import { formatMonth } from '../Fund/month';
import { ContributionCreate } from './ContributionCreate';
import { ContributionList } from './ContributionList';
import { ContributionShow } from './ContributionShow';

export default {
  name: 'Contribution',
  list: ContributionList,
  show: ContributionShow,
  create: ContributionCreate,
  icon: PaymentsIcon,
  recordRepresentation: (record: RaRecord) =>
    `${formatMonth(record.month)} — ${formatMoney(record.amount as number)}`,
} satisfies ResourceProps;
