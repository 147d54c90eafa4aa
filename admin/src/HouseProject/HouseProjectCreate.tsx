import { ResourceCreate } from '../common/views';
import { HouseProjectForm } from './HouseProjectForm';

export const HouseProjectCreate = () => (
  <ResourceCreate>
    <HouseProjectForm />
  </ResourceCreate>
);
