import { graphql } from '../../../gql';

/** Who is signed in and their territories, as the API's `me` says. */
export const OVERVIEW_ME = graphql(`
  query OverviewMe {
    me {
      displayName
      email
      role
      territories {
        level
        code
      }
    }
  }
`);
