import HomeWorkIcon from '@mui/icons-material/HomeWork';
import type { ResourceProps } from 'react-admin';
import { HouseProjectCreate } from './HouseProjectCreate';
import { HouseProjectEdit } from './HouseProjectEdit';
import { HouseProjectList } from './HouseProjectList';
import { HouseProjectShow } from './HouseProjectShow';

export default {
  name: 'HouseProject',
  list: HouseProjectList,
  show: HouseProjectShow,
  edit: HouseProjectEdit,
  create: HouseProjectCreate,
  icon: HomeWorkIcon,
  recordRepresentation: 'title',
} satisfies ResourceProps;
