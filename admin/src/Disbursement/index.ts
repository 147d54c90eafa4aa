import RedeemIcon from '@mui/icons-material/Redeem';
import type { ResourceProps } from 'react-admin';
import { DisbursementCreate } from './DisbursementCreate';
import { DisbursementEdit } from './DisbursementEdit';
import { DisbursementList } from './DisbursementList';
import { DisbursementShow } from './DisbursementShow';

export default {
  name: 'Disbursement',
  list: DisbursementList,
  show: DisbursementShow,
  edit: DisbursementEdit,
  create: DisbursementCreate,
  icon: RedeemIcon,
  recordRepresentation: 'description',
} satisfies ResourceProps;
