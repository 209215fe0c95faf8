import { useQuery } from '@apollo/client/react';
import { OVERVIEW_ME } from '../graphql/overview-me';

export function useOverviewMe() {
  const { data, error, loading } = useQuery(OVERVIEW_ME);
  return { me: data?.me, error, loading };
}
