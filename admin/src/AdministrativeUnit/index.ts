import MapIcon from '@mui/icons-material/Map';
import type { ResourceProps } from 'react-admin';
import { AdministrativeUnitCreate } from './AdministrativeUnitCreate';
import { AdministrativeUnitEdit } from './AdministrativeUnitEdit';
import { AdministrativeUnitList } from './AdministrativeUnitList';
import { AdministrativeUnitShow } from './AdministrativeUnitShow';

export default {
  name: 'AdministrativeUnit',
  list: AdministrativeUnitList,
  show: AdministrativeUnitShow,
  edit: AdministrativeUnitEdit,
  create: AdministrativeUnitCreate,
  icon: MapIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
