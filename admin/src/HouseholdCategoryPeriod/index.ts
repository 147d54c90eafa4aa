import CategoryIcon from '@mui/icons-material/Category';
import type { ResourceProps } from 'react-admin';
import { enumWithDate } from '../common/representations';
import { HouseholdCategoryPeriodCreate } from './HouseholdCategoryPeriodCreate';
import { HouseholdCategoryPeriodEdit } from './HouseholdCategoryPeriodEdit';
import { HouseholdCategoryPeriodList } from './HouseholdCategoryPeriodList';
import { HouseholdCategoryPeriodShow } from './HouseholdCategoryPeriodShow';

export default {
  name: 'HouseholdCategoryPeriod',
  list: HouseholdCategoryPeriodList,
  show: HouseholdCategoryPeriodShow,
  edit: HouseholdCategoryPeriodEdit,
  create: HouseholdCategoryPeriodCreate,
  icon: CategoryIcon,
  recordRepresentation: enumWithDate('HouseholdCategory', 'category', 'validFrom'),
} satisfies ResourceProps;
