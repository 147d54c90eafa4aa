import PaymentsIcon from '@mui/icons-material/Payments';
import type { ResourceProps } from 'react-admin';
import {
  HouseProjectFundingCreate,
  HouseProjectFundingEdit,
  HouseProjectFundingList,
} from './HouseProjectFundingViews';

export default {
  name: 'HouseProjectFunding',
  list: HouseProjectFundingList,
  edit: HouseProjectFundingEdit,
  create: HouseProjectFundingCreate,
  icon: PaymentsIcon,
  recordRepresentation: 'source',
} satisfies ResourceProps;
