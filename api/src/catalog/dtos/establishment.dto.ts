import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DeploymentDto } from './deployment.dto';

@ObjectType('EstablishmentIps')
export class EstablishmentIpsDto {
  @Field(() => String)
  schoolYear!: string;

  @Field(() => Float)
  ips!: number;

  @Field(() => Float, { nullable: true })
  standardDeviation!: number | null;
}

@ObjectType('Establishment')
export class EstablishmentDto {
  @Field(() => String)
  uai!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ecole, college, lycee, erea, medico_social, information_orientation, service_administratif, autre' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'public or prive' })
  sector!: string | null;

  @Field(() => String)
  communeCode!: string;

  @Field(() => String)
  communeName!: string;

  @Field(() => String)
  departementCode!: string;

  @Field(() => String)
  academieCode!: string;

  @Field(() => String)
  regionCode!: string;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => String, { nullable: true, description: 'REP or REP+' })
  educationPrioritaire!: string | null;

  @Field(() => Boolean, { nullable: true })
  rural!: boolean | null;

  @Field(() => [EstablishmentIpsDto], { description: 'IPS by school year, latest first' })
  ips!: EstablishmentIpsDto[];

  @Field(() => DeploymentDto, { nullable: true })
  deployment!: DeploymentDto | null;
}

@ObjectType('EstablishmentEdge')
export class EstablishmentEdgeDto {
  @Field(() => String)
  cursor!: string;

  @Field(() => EstablishmentDto)
  node!: EstablishmentDto;
}

@ObjectType('PageInfo')
export class PageInfoDto {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('EstablishmentConnection')
export class EstablishmentConnectionDto {
  @Field(() => [EstablishmentEdgeDto])
  edges!: EstablishmentEdgeDto[];

  @Field(() => PageInfoDto)
  pageInfo!: PageInfoDto;

  @Field(() => Int, { description: 'Establishments matching the filter within the caller’s scope' })
  totalCount!: number;
}
