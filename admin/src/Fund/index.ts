import SavingsIcon from '@mui/icons-material/Savings';
import type { ResourceProps } from 'react-admin';
import { FundCreate } from './FundCreate';
import { FundEdit } from './FundEdit';
import { FundList } from './FundList';
import { FundShow } from './FundShow';

export default {
  name: 'Fund',
  list: FundList,
  show: FundShow,
  edit: FundEdit,
  create: FundCreate,
  icon: SavingsIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
