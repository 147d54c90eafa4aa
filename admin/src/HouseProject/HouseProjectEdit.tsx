import { ResourceEdit } from '../common/views';
import { HouseProjectForm } from './HouseProjectForm';

export const HouseProjectEdit = () => (
  <ResourceEdit>
    <HouseProjectForm />
  </ResourceEdit>
);
