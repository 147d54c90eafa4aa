import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import type { ResourceProps } from 'react-admin';
import { DonationCreate } from './DonationCreate';
import { DonationList } from './DonationList';
import { DonationShow } from './DonationShow';

export default {
  name: 'Donation',
  list: DonationList,
  show: DonationShow,
  create: DonationCreate,
  icon: VolunteerActivismIcon,
  recordRepresentation: 'donorName',
} satisfies ResourceProps;
