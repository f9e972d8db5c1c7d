global using Crm.Domain;
global using NodaTime;
