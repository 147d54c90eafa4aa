import AccountTreeIcon from '@mui/icons-material/AccountTree';
import type { ResourceProps } from 'react-admin';
import { AdministrativeUnitSuccessionCreate } from './AdministrativeUnitSuccessionCreate';
import { AdministrativeUnitSuccessionEdit } from './AdministrativeUnitSuccessionEdit';
import { AdministrativeUnitSuccessionList } from './AdministrativeUnitSuccessionList';
import { AdministrativeUnitSuccessionShow } from './AdministrativeUnitSuccessionShow';

export default {
  name: 'AdministrativeUnitSuccession',
  list: AdministrativeUnitSuccessionList,
  show: AdministrativeUnitSuccessionShow,
  edit: AdministrativeUnitSuccessionEdit,
  create: AdministrativeUnitSuccessionCreate,
  icon: AccountTreeIcon,
  recordRepresentation: 'legalAct',
} satisfies ResourceProps;
