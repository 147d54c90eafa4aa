import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { RaRecord, ResourceProps } from 'react-admin';
import { translate } from '../i18n';
import { PovertyReviewCreate } from './PovertyReviewCreate';
import { PovertyReviewEdit } from './PovertyReviewEdit';
import { PovertyReviewList } from './PovertyReviewList';
import { PovertyReviewShow } from './PovertyReviewShow';

export default {
  name: 'PovertyReview',
  list: PovertyReviewList,
  show: PovertyReviewShow,
  edit: PovertyReviewEdit,
  create: PovertyReviewCreate,
  icon: FactCheckIcon,
  recordRepresentation: (record: RaRecord) =>
    `${record.year}: ${translate(`enums.PovertyResult.${record.result}`)}`,
} satisfies ResourceProps;
