import RuleIcon from '@mui/icons-material/Rule';
import type { ResourceProps } from 'react-admin';
import { PovertyStandardCreate } from './PovertyStandardCreate';
import { PovertyStandardEdit } from './PovertyStandardEdit';
import { PovertyStandardList } from './PovertyStandardList';
import { PovertyStandardShow } from './PovertyStandardShow';

export default {
  name: 'PovertyStandard',
  list: PovertyStandardList,
  show: PovertyStandardShow,
  edit: PovertyStandardEdit,
  create: PovertyStandardCreate,
  icon: RuleIcon,
  recordRepresentation: 'name',
} satisfies ResourceProps;
