import { ResourceCreate } from '../common/views';
import { CounterpartResponsibilityForm } from './CounterpartResponsibilityForm';

export const CounterpartResponsibilityCreate = () => (
  <ResourceCreate>
    <CounterpartResponsibilityForm />
  </ResourceCreate>
);
