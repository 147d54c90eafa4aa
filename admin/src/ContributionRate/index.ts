import PriceChangeIcon from '@mui/icons-material/PriceChange';
import type { RaRecord, ResourceProps } from 'react-admin';
import { translate } from '../i18n';
import { formatMonth } from '../Fund/month';
import { ContributionRateCreate } from './ContributionRateCreate';
import { ContributionRateEdit } from './ContributionRateEdit';
import { ContributionRateList } from './ContributionRateList';
import { ContributionRateShow } from './ContributionRateShow';

export default {
  name: 'ContributionRate',
  list: ContributionRateList,
  show: ContributionRateShow,
  edit: ContributionRateEdit,
  create: ContributionRateCreate,
  icon: PriceChangeIcon,
  recordRepresentation: (record: RaRecord) =>
    `${translate(`enums.TitleRank.${record.titleRank}`)} (${formatMonth(record.validFrom)})`,
} satisfies ResourceProps;
