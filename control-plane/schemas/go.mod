module etcdregistry.local/schemas

go 1.26
